"""The reference fbank: torchaudio's Kaldi-compatible implementation with the SenseVoice front-end settings
(/work/shared/spec/recognizer.md section 1.3). Training (tools/demo-model) and the golden features of the C# tests
(tools/regen-golden-features.py) both call this one function, so the model is trained on exactly what the C# front
end is tested to produce."""
import torch
import torchaudio


def kaldi_fbank(samples, sample_rate_hz=16000):
    """samples: 1-D float array in [-1, 1] at 16 kHz. Returns a [frames, 80] float32 tensor."""
    wave = torch.as_tensor(samples, dtype=torch.float32).unsqueeze(0) * 32768.0
    return torchaudio.compliance.kaldi.fbank(
        wave,
        sample_frequency=sample_rate_hz,
        num_mel_bins=80,
        frame_length=25.0,
        frame_shift=10.0,
        window_type="hamming",
        snip_edges=True,
        dither=0.0,
        energy_floor=0.0,
        preemphasis_coefficient=0.97,
        remove_dc_offset=True,
        round_to_power_of_two=True,
        low_freq=20.0,
        high_freq=0.0,
        use_energy=False,
    )
