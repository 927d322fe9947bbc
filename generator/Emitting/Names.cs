using System.Linq;
using TConvGen.Generator.Model;
using TConvGen.Generator.Planning;

namespace TConvGen.Generator.Emitting;

/// <summary>
/// Names the generated code uses. The implementation lives in <see cref="Namespace"/>, whose declaration imports
/// <see cref="Usings"/>: C# looks a simple name up in that namespace, then in the usings of its declaration, before any
/// enclosing namespace or the compilation unit's (global) usings, so no user type can capture these short names. Only
/// the stub in the user's type is written fully qualified.
/// </summary>
internal static class Names
{
    /// <summary>The namespace of every generated implementation class.</summary>
    public const string Namespace = "TConvGen.Generated";

    /// <summary>The namespaces the implementation's declaration imports, each from the global namespace.</summary>
    public static readonly string[] Usings =
    {
        "System",
        "System.CodeDom.Compiler",
        "System.Runtime.CompilerServices",
        "System.Runtime.InteropServices",
        "System.Runtime.Intrinsics",
        "TConvGen.CompilerServices",
    };

    // In the implementation (TConvGen's own types are found in the enclosing namespace TConvGen).
    public const string Kernel = "ConvTranspose2d";
    public const string Options = "ConvTranspose2dOptions";
    public const string Prepared = "PreparedConvTranspose2d";
    public const string Tiled = "TiledPreparedConvTranspose2d";
    public const string Problem = "ConvTranspose2dProblem";
    public const string Tile = "ConvTranspose2dTile";
    public const string Band = "GeneratedKernelBand";
    public const string Dispatch = "GeneratedKernelDispatch";
    public const string Fallback = "GeneratedKernelFallback";
    public const string Channels = "GeneratedKernelChannels";
    public const string Weights = "GeneratedKernelWeights";
    public const string VectorOps = "GeneratedKernelVector";
    public const string SimdTrait = "IGeneratedKernelSimd";
    public const string ActivationFunction = "IActivationFunction";
    public const string Winograd = "GeneratedWinograd";
    public const string WinogradTileTransform = "IWinogradTileTransform";
    public const string WinogradPhaseTransform = "IWinogradPhaseTransform";
    public const string Unsafe = "Unsafe";
    public const string Marshal = "MemoryMarshal";
    public const string Math = "Math";
    public const string ReadOnlySpan = "ReadOnlySpan<float>";
    public const string Span = "Span<float>";
    public const string ReadOnlyDoubles = "ReadOnlySpan<double>";
    public const string Doubles = "Span<double>";
    public const string Optimized = "MethodImpl(MethodImplOptions.AggressiveOptimization)";
    public const string Inlined = "MethodImpl(MethodImplOptions.AggressiveInlining)";
    public const string ActivationEnum = "ConvTransposeActivation";
    /// <summary>The prepared class's member that applies the activation to an accumulator.</summary>
    public const string Activate = "Activate";
    /// <summary>The prepared class's member that applies the activation to a block's stored outputs.</summary>
    public const string ActivateStored = "ActivateStored";
    public const string GeneratedCode = "GeneratedCode";
    public const string Kernel1d = "ConvTranspose1d";
    public const string Options1d = "ConvTranspose1dOptions";
    public const string Generated1d = "GeneratedConvTranspose1d";
    /// <summary>The implementation's cached instances: the 2-D kernel, and for <c>[ConvTranspose1d]</c> the 1-D kernel wrapping it.</summary>
    public const string Instance = "Instance";
    public const string Instance1d = "Instance1d";

    // In the stub, which sits in the user's scope.
    public const string QualifiedKernel = "global::TConvGen.ConvTranspose2d";
    public const string QualifiedKernel1d = "global::TConvGen.ConvTranspose1d";
    public const string QualifiedGeneratedCode = "global::System.CodeDom.Compiler.GeneratedCode";

    /// <summary>The file-local class that implements a method, named after its containing types and the method, e.g.
    /// <c>Model_Layer_Up</c> for <c>Model&lt;T&gt;.Layer.Up</c>. File-local, so methods in other files never collide.</summary>
    public static string ImplementationClass(MethodTarget target) =>
        string.Join("_", target.Types.Select(type => type.SimpleName).Concat(new[] { target.MethodName }));

    /// <summary>The implementation class as the stub names it.</summary>
    public static string QualifiedImplementationClass(MethodTarget target) => "global::" + Namespace + "." + ImplementationClass(target);

    /// <summary>The generic prepared class of one register blocking: <c>Prepared</c>, or <c>Prepared3x4</c> (3 channels x 4
    /// vectors) when the targets get different bodies.</summary>
    public static string PreparedClass(KernelPlan plan, RegisterBlocking blocking) =>
        plan.Blockings.Count == 1 ? "Prepared" : "Prepared" + Literals.Int(blocking.ChannelBlock) + "x" + Literals.Int(blocking.Vectors);

    /// <summary>The width struct for vectors of <paramref name="lanes"/> floats, e.g. <c>GeneratedKernelSimd256</c>.</summary>
    public static string SimdStruct(int lanes) => "GeneratedKernelSimd" + Literals.Int(lanes * 32);

    /// <summary>The vector of <paramref name="lanes"/> floats, e.g. <c>Vector256&lt;float&gt;</c>.</summary>
    public static string VectorOfFloat(int lanes) => "Vector" + Literals.Int(lanes * 32) + "<float>";

    /// <summary>A prepared class instantiated at the width of <paramref name="lanes"/>.</summary>
    public static string Instantiated(string prepared, int lanes) => prepared + "<" + SimdStruct(lanes) + ", " + VectorOfFloat(lanes) + ">";

    /// <summary>The method computing one output row of one row phase for one channel-block size.</summary>
    public static string RowBody(int phase, int block) => "Row_Phase" + Literals.Int(phase) + "_Block" + Literals.Int(block);
}
