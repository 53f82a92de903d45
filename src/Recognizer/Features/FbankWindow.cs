namespace FunAsr.Recognizer.Features;

/// <summary>Frame window functions, as Kaldi's <c>FrameExtractionOptions::window_type</c> names them.</summary>
internal enum FbankWindow
{
    /// <summary><c>0.54 − 0.46·cos(2πi/(N−1))</c>: what SenseVoice and Paraformer use.</summary>
    Hamming,

    /// <summary><c>0.5 − 0.5·cos(2πi/(N−1))</c>.</summary>
    Hanning,

    /// <summary>Kaldi's default: the Hanning window raised to the power 0.85.</summary>
    Povey,

    /// <summary>No window.</summary>
    Rectangular,
}
