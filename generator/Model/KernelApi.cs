namespace TConvGen.Generator.Model;

/// <summary>The API a generated method returns: a 2-D kernel (<c>[ConvTranspose]</c>), or a 1-D one (<c>[ConvTranspose1d]</c>),
/// which wraps the 2-D kernel generated for inputs of height 1.</summary>
internal enum KernelApi
{
    ConvTranspose2d,
    ConvTranspose1d,
}
