namespace TConvGen.Generator.Emitting;

/// <summary>Names the generated code uses, fully qualified so that no user type or using directive can capture them.</summary>
internal static class Names
{
    public const string Kernel = "global::TConvGen.ConvTranspose2d";
    public const string Options = "global::TConvGen.ConvTranspose2dOptions";
    public const string Prepared = "global::TConvGen.PreparedConvTranspose2d";
    public const string Tiled = "global::TConvGen.TiledPreparedConvTranspose2d";
    public const string Problem = "global::TConvGen.ConvTranspose2dProblem";
    public const string Tile = "global::TConvGen.ConvTranspose2dTile";
    public const string Band = "global::TConvGen.CompilerServices.GeneratedKernelBand";
    public const string Dispatch = "global::TConvGen.CompilerServices.GeneratedKernelDispatch";
    public const string Fallback = "global::TConvGen.CompilerServices.GeneratedKernelFallback";
    public const string Channels = "global::TConvGen.CompilerServices.GeneratedKernelChannels";
    public const string Weights = "global::TConvGen.CompilerServices.GeneratedKernelWeights";
    public const string VectorOps = "global::TConvGen.CompilerServices.GeneratedKernelVector";
    public const string SimdTrait = "global::TConvGen.CompilerServices.IGeneratedKernelSimd";
    public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
    public const string Marshal = "global::System.Runtime.InteropServices.MemoryMarshal";
    public const string Math = "global::System.Math";
    public const string ReadOnlySpan = "global::System.ReadOnlySpan<float>";
    public const string Span = "global::System.Span<float>";
    public const string Optimized = "global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)";
    public const string GeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";

    /// <summary>The nested class that holds a method's kernel.</summary>
    public static string KernelClass(string methodName) => "__TConvGen_" + methodName;

    /// <summary>The generic prepared class of one register blocking: <c>Prepared</c>, or <c>Prepared3x4</c> (3 channels x 4
    /// vectors) when the targets get different bodies.</summary>
    public static string PreparedClass(TConvGen.Generator.Planning.KernelPlan plan, TConvGen.Generator.Planning.RegisterBlocking blocking) =>
        plan.Blockings.Count == 1 ? "Prepared" : "Prepared" + Literals.Int(blocking.ChannelBlock) + "x" + Literals.Int(blocking.Vectors);

    /// <summary>The width struct for vectors of <paramref name="lanes"/> floats, e.g. <c>GeneratedKernelSimd256</c>.</summary>
    public static string SimdStruct(int lanes) => "global::TConvGen.CompilerServices.GeneratedKernelSimd" + Literals.Int(lanes * 32);

    /// <summary>The vector of <paramref name="lanes"/> floats, e.g. <c>Vector256&lt;float&gt;</c>.</summary>
    public static string VectorOfFloat(int lanes) => "global::System.Runtime.Intrinsics.Vector" + Literals.Int(lanes * 32) + "<float>";

    /// <summary>A prepared class instantiated at the width of <paramref name="lanes"/>.</summary>
    public static string Instantiated(string prepared, int lanes) => prepared + "<" + SimdStruct(lanes) + ", " + VectorOfFloat(lanes) + ">";

    /// <summary>The method computing one output row of one row phase for one channel-block size.</summary>
    public static string RowBody(int phase, int block) => "Row_Phase" + Literals.Int(phase) + "_Block" + Literals.Int(block);
}
