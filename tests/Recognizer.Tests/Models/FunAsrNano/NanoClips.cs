using System.Globalization;
using FunAsr.Recognizer.Tests.Audio;

namespace FunAsr.Recognizer.Tests.Models.FunAsrNano;

/// <summary>Short spoken clips (espeak-ng, 16 kHz 16-bit PCM WAV, which both runtimes read as they are).</summary>
internal static class NanoClips
{
    private static readonly string[] s_sentences =
    [
        "您好，我想查询一下订单号", "请帮我转接人工客服", "我的电话是一三八一二三四五六七八", "今天天气很好", "我要退款，谢谢",
        "营业时间是早上九点到晚上六点", "这个订单什么时候发货", "会员权益有哪些", "好的，没问题", "请稍等一下",
        "hello world", "my order number is four two seven", "please call me back tomorrow", "one two three four five",
        "I would like to make a complaint", "good morning everyone", "thank you very much", "can you hear me now",
        "the delivery was late again", "yes that is correct", "我想改一下收货地址", "what is my account balance",
    ];

    public static int Count => s_sentences.Length;

    /// <summary>Writes every clip into <paramref name="scratch"/> and returns the paths.</summary>
    public static IReadOnlyList<string> Write(ScratchAudio scratch)
    {
        var paths = new List<string>();
        for (var i = 0; i < s_sentences.Length; i++)
        {
            var voice = s_sentences[i].Any(c => c > 0x2E80) ? "zh" : "en";
            var raw = scratch.PathOf($"raw{i:D2}.wav");
            var path = scratch.PathOf($"clip{i:D2}.wav");
            ScratchAudio.Run("espeak-ng", "-v", voice, "-s", (150 + i * 2).ToString(CultureInfo.InvariantCulture), "-w", raw, s_sentences[i]);
            ScratchAudio.Run("sox", raw, "-r", "16000", "-c", "1", "-b", "16", "-e", "signed-integer", path);
            paths.Add(path);
        }

        return paths;
    }
}
