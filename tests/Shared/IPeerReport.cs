namespace TConvGen.Tests.Shared;

/// <summary>Where a <see cref="Hearing"/> sends every testimony it hears. (Compiled into each project that uses it.)</summary>
internal interface IPeerReport
{
    /// <summary>Records one peer heard on one case.</summary>
    void Heard(Testimony testimony);
}
