namespace TConvGen.Bench.Implementations;

/// <summary>What a peer ran on a shape, as far as can be told: the ISA setting it ran under, and the kernel it picked
/// when the peer can name it (oneDNN's implementation name, e.g. <c>conv:any+jit:avx512_core</c>).</summary>
internal sealed record PeerIsa(string Setting, string? Kernel = null)
{
    /// <summary>The kernel if known (it names the ISA), else the setting: for the chart's legend and the table's cells.</summary>
    public string Short => Kernel ?? Setting;

    public override string ToString() => Kernel is null ? Setting : $"{Setting}; ran {Kernel}";
}
