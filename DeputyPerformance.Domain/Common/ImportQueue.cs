namespace DeputyPerformance.Domain.Common;

/// <summary>
/// Runs the imports of this process (page and command line) one or two at a time, with a bounded queue and a time
/// limit: an import beyond the queue is refused at once, one over its time is cancelled; both with a message in the
/// caller's language. Every import checks the token on each row, so a cancelled import stops within a row.
/// </summary>
public sealed class ImportQueue(int concurrency = 1, int maxWaiting = 4, TimeSpan? timeLimit = null)
{
    public static readonly TimeSpan DefaultTimeLimit = TimeSpan.FromMinutes(30);

    private readonly SemaphoreSlim _slots = new(concurrency, concurrency);
    private int _admitted;

    public TimeSpan TimeLimit { get; } = timeLimit ?? DefaultTimeLimit;

    /// <summary>Runs <paramref name="work"/> when a slot is free, with a token that the caller and the time limit both cancel.</summary>
    /// <exception cref="DomainException">Import_QueueFull when too many imports wait; Import_TimedOut when the work ran over the limit.</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken ct = default)
    {
        if (Interlocked.Increment(ref _admitted) > concurrency + maxWaiting)
        {
            Interlocked.Decrement(ref _admitted);
            throw new DomainException("Import_QueueFull");
        }

        try
        {
            await _slots.WaitAsync(ct);
            try
            {
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
                limit.CancelAfter(TimeLimit);
                try
                {
                    return await work(limit.Token);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested && limit.IsCancellationRequested)
                {
                    throw new DomainException("Import_TimedOut", Math.Max(1, (int)Math.Round(TimeLimit.TotalMinutes)));
                }
            }
            finally
            {
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _admitted);
        }
    }
}
