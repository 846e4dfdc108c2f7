using DeputyPerformance.Domain.Common;

namespace DeputyPerformance.Tests.Common;

public sealed class ImportQueueTests
{
    [Fact]
    public async Task ImportsBeyondTheRunningAndWaitingOnesAreRefusedAtOnce()
    {
        var queue = new ImportQueue(concurrency: 1, maxWaiting: 1);
        var release = new TaskCompletionSource();
        var running = queue.RunAsync(async _ => { await release.Task; return 1; });
        var waiting = queue.RunAsync(_ => Task.FromResult(2));

        var ex = await Assert.ThrowsAsync<DomainException>(() => queue.RunAsync(_ => Task.FromResult(3)));

        Assert.Equal("Import_QueueFull", ex.Key);
        Assert.False(waiting.IsCompleted);
        release.SetResult();
        Assert.Equal((1, 2), (await running, await waiting));
        Assert.Equal(4, await queue.RunAsync(_ => Task.FromResult(4)));
    }

    [Fact]
    public async Task WorkOverTheTimeLimitIsCancelledWithAMessage()
    {
        var queue = new ImportQueue(timeLimit: TimeSpan.FromMilliseconds(50));

        var ex = await Assert.ThrowsAsync<DomainException>(() => queue.RunAsync(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }));

        Assert.Equal("Import_TimedOut", ex.Key);
    }

    [Fact]
    public async Task TheCallersCancellationIsNotReportedAsATimeOut()
    {
        var queue = new ImportQueue();
        using var cts = new CancellationTokenSource(50);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => queue.RunAsync(async ct =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return 0;
        }, cts.Token));
    }
}
