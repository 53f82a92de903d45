namespace FunAsr.Recognizer.Itn.Chinese;

/// <summary>What a Chinese category grammar recognised at a position: how many characters, written as what.</summary>
internal readonly record struct TaggedMatch(int Length, string Text, string Category);
