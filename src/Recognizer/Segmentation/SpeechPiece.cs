namespace FunAsr.Recognizer.Segmentation;

/// <summary>A stretch of one channel handed to the model as one segment.</summary>
/// <param name="Clip">Index of the recording in the batch (0 for a single recording).</param>
/// <param name="Channel">0-based channel.</param>
/// <param name="StartSample">Where the piece starts, in samples from the start of the recording.</param>
/// <param name="Samples">The piece's audio at the model's sample rate.</param>
internal sealed record SpeechPiece(int Clip, int Channel, long StartSample, ReadOnlyMemory<float> Samples);
