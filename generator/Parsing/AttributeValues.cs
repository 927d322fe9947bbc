using System.Collections.Generic;

namespace TConvGen.Generator.Parsing;

/// <summary>An attribute's constant arguments as written: the integers (enums as their numbers) by canonical name, and
/// the activation slope, the one float (the attribute's default when not written). Only between reader and validator.</summary>
internal sealed record AttributeValues(IReadOnlyDictionary<string, int> Integers, float ActivationSlope);
