namespace DeputyPerformance.App.Exits;

/// <summary>One per circuit: the notification page tells the bell to count again after it marked notifications read.</summary>
public sealed class NotificationBellState
{
    public event Func<Task>? Changed;

    public async Task NotifyChangedAsync()
    {
        if (Changed is { } handlers)
        {
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>()) await handler();
        }
    }
}
