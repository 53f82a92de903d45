namespace FunAsr.Recognizer.Models.FunAsrNano;

/// <summary>What the LLM wrote for one utterance.</summary>
/// <param name="Ids">Generated ids, stop token excluded.</param>
/// <param name="AudioFrames">Encoder frames placed in the prompt (fewer than the audio had when the context was too long).</param>
/// <param name="StepTime">Wall time of those steps.</param>
/// <param name="ContextFull">True when <c>max_total_len</c> cut the audio or the text short.</param>
/// <param name="Steps">One-token decode steps run after the prefill.</param>
/// <param name="StepAllocatedBytes">Managed bytes this thread allocated during those steps.</param>
internal sealed record NanoGeneration(int[] Ids, int AudioFrames, int Steps, long StepAllocatedBytes, TimeSpan StepTime, bool ContextFull);
