namespace FunAsr.Recognizer;

/// <summary>
/// Speaker labels of a recording's channels: <c>channel_roles</c> from the configuration or the recording's sidecar
/// metadata when given, else the call-recorder convention (<c>agent</c> left, <c>customer</c> right); a mono
/// recording has one speaker, <c>speaker</c> unless a role is given; channels beyond the roles are <c>channel-N</c>.
/// </summary>
public static class ChannelRoles
{
    /// <summary>The label of a mono recording's speaker when no role is configured.</summary>
    public const string MonoSpeaker = "speaker";

    /// <summary>Agent on channel 0 (left), customer on channel 1 (right).</summary>
    public static IReadOnlyList<string> Default { get; } = ["agent", "customer"];

    /// <summary>The label of each of <paramref name="channelCount"/> channels.</summary>
    /// <param name="channelCount">Channels in the recording.</param>
    /// <param name="roles">Configured roles in channel order; null or empty for the default.</param>
    public static IReadOnlyList<string> For(int channelCount, IReadOnlyList<string>? roles)
    {
        var given = roles is { Count: > 0 } ? roles : null;
        if (channelCount == 1)
        {
            return [given?[0] ?? MonoSpeaker];
        }

        var labels = given ?? Default;
        return Enumerable.Range(0, channelCount).Select(c => c < labels.Count ? labels[c] : $"channel-{c}").ToArray();
    }
}
