using System;
using System.Text;

namespace TConvGen.Generator.Emitting;

/// <summary>The one writer every emitter writes through: lines at the current indentation, LF endings, braces as blocks.</summary>
internal sealed class IndentedWriter
{
    private const string IndentUnit = "    ";
    private readonly StringBuilder _text = new();
    private int _depth;

    /// <summary>Writes one line at the current indentation (an empty line stays empty).</summary>
    public IndentedWriter Line(string text = "")
    {
        if (text.Length > 0)
        {
            for (int i = 0; i < _depth; i++)
                _text.Append(IndentUnit);
            _text.Append(text);
        }
        _text.Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, and indents until the returned scope is disposed.</summary>
    public IDisposable Block(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Scope(this, "}");
    }

    /// <summary>Writes an opening brace and indents until the returned scope is disposed (closing with <paramref name="closing"/>).</summary>
    public IDisposable Braces(string closing = "}")
    {
        Line("{");
        _depth++;
        return new Scope(this, closing);
    }

    public override string ToString() => _text.ToString();

    private sealed class Scope : IDisposable
    {
        private readonly IndentedWriter _writer;
        private readonly string _closing;

        public Scope(IndentedWriter writer, string closing)
        {
            _writer = writer;
            _closing = closing;
        }

        public void Dispose()
        {
            _writer._depth--;
            _writer.Line(_closing);
        }
    }
}
