namespace FunAsr.Recognizer.Decoding;

/// <summary>The frames where a path emitted its tokens, newest first (an immutable list shared between hypotheses).</summary>
internal sealed record FrameTrail(int Frame, FrameTrail? Previous);
