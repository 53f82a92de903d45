using Microsoft.Extensions.Logging;

namespace FunAsr.Ingest.Tests.Support;

/// <summary>A logger factory that keeps every message (level and formatted text), for asserting what was logged.</summary>
internal sealed class CollectingLoggers : ILoggerFactory, ILoggerProvider
{
    private readonly List<(LogLevel Level, string Message)> _messages = [];

    public IReadOnlyList<(LogLevel Level, string Message)> Messages
    {
        get { lock (_messages) return [.. _messages]; }
    }

    public ILogger CreateLogger(string categoryName) => new Collector(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Collector(CollectingLoggers owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._messages) owner._messages.Add((logLevel, formatter(state, exception)));
        }
    }
}
