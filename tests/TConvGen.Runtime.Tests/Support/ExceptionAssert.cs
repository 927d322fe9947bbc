using System;
using Xunit;

namespace TConvGen.Runtime.Tests.Support;

/// <summary>Checks that an exception names its parameter, the offending value and whatever else the message must say.</summary>
public static class ExceptionAssert
{
    /// <summary>An <see cref="ArgumentOutOfRangeException"/> for <paramref name="parameter"/> whose message contains the
    /// parameter, the value and each of <paramref name="fragments"/>, and whose <see cref="ArgumentOutOfRangeException.ActualValue"/> is the value.</summary>
    public static ArgumentOutOfRangeException OutOfRange(Action action, string parameter, object value, params string[] fragments)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(action);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Equal(value, exception.ActualValue);
        Assert.Contains(parameter, exception.Message, StringComparison.Ordinal);
        Assert.Contains(value.ToString()!, exception.Message, StringComparison.Ordinal);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        return exception;
    }

    /// <summary>An <see cref="ArgumentException"/> (exactly that type, not a subclass) for <paramref name="parameter"/> whose
    /// message contains the parameter and each of <paramref name="fragments"/>.</summary>
    public static ArgumentException Argument(Action action, string parameter, params string[] fragments)
    {
        var exception = Assert.Throws<ArgumentException>(action);
        Assert.Equal(parameter, exception.ParamName);
        Assert.Contains(parameter, exception.Message, StringComparison.Ordinal);
        foreach (string fragment in fragments)
            Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
        return exception;
    }
}
