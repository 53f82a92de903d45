namespace FunAsr.Recognizer.Itn.English;

/// <summary>What an English category grammar recognised at a token: how many tokens, written as what.</summary>
internal readonly record struct EnglishMatch(int Tokens, string Text, string Category);
