namespace FunAsr.Recognizer.Audio;

/// <summary>Reads a loaded clip block by block, as <see cref="AudioStream.Read(float[][], int)"/> reads a file.</summary>
internal sealed class ClipReader(AudioClip clip)
{
    private int _position;

    /// <summary>Copies up to <paramref name="maxFrames"/> frames of each channel into <paramref name="block"/>; returns the frames copied, 0 at the end.</summary>
    public int Read(float[][] block, int maxFrames)
    {
        var frames = Math.Min(maxFrames, clip.FrameCount - _position);
        for (var c = 0; c < block.Length; c++)
        {
            clip.Channel(c).Span.Slice(_position, frames).CopyTo(block[c]);
        }

        _position += frames;
        return frames;
    }
}
