using System.Diagnostics.Metrics;
using FunAsr.Recognizer.Onnx;
using FunAsr.Recognizer.Tests.Models;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace FunAsr.Recognizer.Tests.Onnx;

public sealed class CpuFallbackTests
{
    private const string Gpu = "cuda:0";

    [Fact]
    public async Task A_batch_the_gpu_fails_while_running_is_counted_and_transcribed_on_cpu()
    {
        var clip = AudioClip.FromSamples([TinyModel.Tones("你", "好")], 16000);
        var options = new TranscriberOptions
        {
            ModelDirectory = TinyModel.Directory, Device = Gpu, IntraOpThreads = 1, LanguageModel = null, Vad = new VadOptions { Method = "off" },
        };
        using var onCpu = Transcriber.Create(options with { Device = "cpu" });
        var expected = await onCpu.TranscribeAsync(clip);
        var counted = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RecognizerMetrics.MeterName && instrument.Name == RecognizerMetrics.CpuFallbacks)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "device", Value: Gpu })
                {
                    Interlocked.Add(ref counted, value);
                }
            }
        });
        listener.Start();

        using var onFailingGpu = Transcriber.Create(options, new CollectingLogger(), FailingGpuSession);
        var transcript = await onFailingGpu.TranscribeAsync(clip);

        Assert.Equal((Gpu, 1, 1L), (onFailingGpu.Device, onFailingGpu.CpuFallbacks, Interlocked.Read(ref counted)));
        Assert.Equal("你好", expected.Text);
        Assert.Equal(expected.Text, transcript.Text);
    }

    /// <summary>A session on the GPU whose every run fails as the CUDA provider's does when the device runs out of memory.</summary>
    private static OrtDeviceSession FailingGpuSession(OrtRuntime runtime, string modelPath, OrtSessionSettings settings, ILogger logger)
    {
        using var cpuOptions = settings.CreateOptions(OrtDevice.Cpu);
        return new OrtDeviceSession(runtime, settings, logger, OrtSession.Create(runtime, modelPath, cpuOptions), OrtDevice.Parse(Gpu), new OutOfGpuMemory());
    }

    private sealed class OutOfGpuMemory : IInferenceRunner
    {
        // OrtSession.Run wraps ORT's error this way; the text is the CUDA allocator's.
        public IDisposableReadOnlyCollection<OrtValue> Run(IReadOnlyList<(string Name, OrtValue Value)> inputs, IReadOnlyList<string> outputNames, CancellationToken ct) =>
            throw new OnnxRuntimeException("Running model.onnx: Fail: CUDA failure 2: out of memory ; GPU=0 ; file=cuda_allocator.cc ; expr=cudaMalloc((void**)&p, size);");
    }
}
