using System;

namespace TConvGen;

/// <summary>A hyper-parameter outside its legal range: its name, its value, the range [<see cref="Minimum"/>,
/// <see cref="Maximum"/>] (<see cref="int.MaxValue"/> when unbounded) and the runtime's message. Shared with the generator,
/// which reports the same violation as a diagnostic in its own words.</summary>
internal sealed record RuleViolation(string Parameter, int Value, int Minimum, int Maximum, string Message)
{
    /// <summary>The exception the runtime throws for this violation.</summary>
    public ArgumentOutOfRangeException ToException() => new(Parameter, Value, Message);
}
