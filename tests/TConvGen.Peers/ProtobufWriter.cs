using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace TConvGen.Peers;

/// <summary>
/// The few protobuf wire-format encodings an ONNX model needs: varints, length-delimited fields (strings, bytes,
/// nested messages) and packed repeated scalars. Field numbers are the caller's; see <see cref="OnnxModelBuilder"/>.
/// </summary>
public sealed class ProtobufWriter
{
    private const int Varint = 0;
    private const int LengthDelimited = 2;
    private const int Fixed32 = 5;

    private readonly MemoryStream _stream = new();

    /// <summary>The message written so far.</summary>
    public byte[] ToArray() => _stream.ToArray();

    /// <summary>An int32/int64/enum field (wire type 0). Negative values take ten bytes, as protobuf requires.</summary>
    public ProtobufWriter Int64(int field, long value)
    {
        Tag(field, Varint);
        WriteVarint((ulong)value);
        return this;
    }

    /// <summary>A float field (wire type 5, little-endian IEEE 754).</summary>
    public ProtobufWriter Float(int field, float value)
    {
        Tag(field, Fixed32);
        Span<byte> bytes = stackalloc byte[sizeof(float)];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _stream.Write(bytes);
        return this;
    }

    /// <summary>A UTF-8 string field.</summary>
    public ProtobufWriter String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

    /// <summary>A bytes field, or an embedded message already encoded.</summary>
    public ProtobufWriter Bytes(int field, ReadOnlySpan<byte> value)
    {
        Tag(field, LengthDelimited);
        WriteVarint((ulong)value.Length);
        _stream.Write(value);
        return this;
    }

    /// <summary>An embedded message.</summary>
    public ProtobufWriter Message(int field, ProtobufWriter message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Bytes(field, message.ToArray());
    }

    /// <summary>A packed repeated int64 field.</summary>
    public ProtobufWriter PackedInt64(int field, ReadOnlySpan<long> values)
    {
        var packed = new ProtobufWriter();
        foreach (long value in values)
            packed.WriteVarint((ulong)value);
        return Bytes(field, packed.ToArray());
    }

    /// <summary>A packed repeated float field (little-endian IEEE 754).</summary>
    public ProtobufWriter PackedFloat(int field, ReadOnlySpan<float> values)
    {
        var bytes = new byte[values.Length * sizeof(float)];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * sizeof(float)), values[i]);
        return Bytes(field, bytes);
    }

    private void Tag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _stream.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _stream.WriteByte((byte)value);
    }
}
