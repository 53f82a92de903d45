using FunAsr.Recognizer.Features;

namespace FunAsr.Recognizer.Tests.Features;

public sealed class CmvnTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("funasr-cmvn").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Applies_shift_then_scale_per_dimension()
    {
        var cmvn = Cmvn.FromMetadata("-1,-2", "0.5, 2");
        float[] features = [3, 4, 5, 6];

        cmvn.ApplyInPlace(features);

        Assert.Equal(new float[] { 1, 4, 2, 8 }, features);
    }

    [Fact]
    public void Reads_the_add_shift_and_rescale_vectors_of_an_am_mvn()
    {
        string path = Write("<Nnet>\n<Splice> 2 2\n[ 0 ]\n<AddShift> 2 2\n<LearnRateCoef> 0 [ -1.5 2e-1 ]\n<Rescale> 2 2\n<LearnRateCoef> 0 [ 0.25 4 ]\n</Nnet>\n");

        var cmvn = Cmvn.LoadAmMvn(path);

        Assert.Equal(new[] { -1.5f, 0.2f }, cmvn.NegMean);
        Assert.Equal(new[] { 0.25f, 4f }, cmvn.InvStddev);
    }

    [Fact]
    public void A_bad_value_names_the_file_line_and_value()
    {
        string path = Write("<Nnet>\n<AddShift> 2 2\n<LearnRateCoef> 0 [ -1.5 abc ]\n<Rescale> 2 2\n<LearnRateCoef> 0 [ 1 1 ]\n");

        var error = Assert.Throws<CmvnFormatException>(() => Cmvn.LoadAmMvn(path));

        Assert.Equal($"{path}:3: value 2 ('abc') is not a number", error.Message);
    }

    [Fact]
    public void A_missing_rescale_is_named()
    {
        string path = Write("<Nnet>\n<AddShift> 2 2\n<LearnRateCoef> 0 [ 1 2 ]\n</Nnet>\n");

        var error = Assert.Throws<CmvnFormatException>(() => Cmvn.LoadAmMvn(path));

        Assert.Equal($"{path}: no <Rescale> component; an am.mvn needs both", error.Message);
    }

    [Fact]
    public void Metadata_vectors_of_different_lengths_are_rejected()
    {
        var error = Assert.Throws<CmvnFormatException>(() => Cmvn.FromMetadata("1,2,3", "1,2", "model.onnx"));

        Assert.Equal("model.onnx: neg_mean has 3 values but inv_stddev has 2", error.Message);
    }

    private string Write(string text)
    {
        string path = Path.Combine(_folder, "am.mvn");
        File.WriteAllText(path, text);
        return path;
    }
}
