using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace TitleBridge.Tests.Shared;

/// <summary>
/// A real SMTP server on 127.0.0.1 for one test (the SmtpServer package): the app's outbox delivers to it
/// over a socket with MailKit, as it would to the bureau's mail server, and the test reads what arrived —
/// the raw bytes (transfer encodings, charsets) and the parsed message. Linked into both test projects.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private readonly Store _store = new();

    private TestSmtpServer(int port)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test.localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The settings that point the app's outbox at this server (plain SMTP on loopback).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
    };

    /// <summary>Runs as each message is received, before the server answers 250 to it (a test looks at the app's state then).</summary>
    public Func<ReceivedEmail, Task>? OnReceiving
    {
        get => _store.OnReceiving;
        set => _store.OnReceiving = value;
    }

    /// <summary>Every message received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedEmail> Received => [.. _store.Messages];

    public static TestSmtpServer Start()
    {
        // A free port from the system; the server binds it a moment later.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new TestSmtpServer(port);
    }

    /// <summary>Waits until a message to <paramref name="to"/> whose subject matches has arrived.</summary>
    public async Task<ReceivedEmail> WaitForAsync(string to, Func<ReceivedEmail, bool>? match = null, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            var found = _store.Messages.FirstOrDefault(m => m.Recipients.Contains(to, StringComparer.OrdinalIgnoreCase) && (match is null || match(m)));
            if (found is not null)
            {
                return found;
            }
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"No email to {to} arrived at the test SMTP server; received: "
                    + string.Join("; ", _store.Messages.Select(m => $"{string.Join(",", m.Recipients)}: {m.Message.Subject}")));
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _server.Shutdown();
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Stopped: nothing more arrives.
        }
        _stop.Dispose();
    }

    private sealed class Store : MessageStore
    {
        public ConcurrentQueue<ReceivedEmail> Messages { get; } = new();

        public Func<ReceivedEmail, Task>? OnReceiving { get; set; }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var raw = buffer.ToArray();
            using var stream = new MemoryStream(raw);
            var message = MimeMessage.Load(stream, cancellationToken);
            var received = new ReceivedEmail(transaction.From.AsAddress(), [.. transaction.To.Select(t => t.AsAddress())], raw, message, context.SessionId);
            if (OnReceiving is { } hook)
            {
                await hook(received);
            }
            Messages.Enqueue(received);
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>One message as the SMTP server received it: the envelope, the raw bytes, the parsed message and the connection (session) it came over.</summary>
public sealed record ReceivedEmail(string EnvelopeFrom, IReadOnlyList<string> Recipients, byte[] Raw, MimeMessage Message, Guid SessionId)
{
    /// <summary>The raw message as 7-bit text: what went over the wire, encodings and all.</summary>
    public string RawText => System.Text.Encoding.ASCII.GetString(Raw);
}
