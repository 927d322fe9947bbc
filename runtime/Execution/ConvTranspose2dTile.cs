using System.ComponentModel;

namespace TConvGen;

/// <summary>
/// One independent block of output for <see cref="TiledPreparedConvTranspose2d"/>: a range of output channels
/// of one group and a band of output rows of one image. Tiles of one run never overlap, so they may run in parallel.
/// </summary>
/// <param name="Image">The image index n.</param>
/// <param name="Group">The group g; the channels below all belong to it.</param>
/// <param name="OutChannelStart">The first output channel (absolute index, not within the group).</param>
/// <param name="OutChannelEnd">One past the last output channel.</param>
/// <param name="RowStart">The first output row.</param>
/// <param name="RowEnd">One past the last output row.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct ConvTranspose2dTile(int Image, int Group, int OutChannelStart, int OutChannelEnd, int RowStart, int RowEnd);
