using Microsoft.Extensions.Logging;

namespace DeputyPerformance.Domain.Common;

public static class Guard
{
    /// <summary>Refuses and logs when a role or scope rule says no; the log names who tried what.</summary>
    public static void Allow(bool allowed, Caller caller, string action, ILogger logger, object? target = null)
    {
        if (allowed)
        {
            return;
        }

        logger.LogWarning("Refused {Action} on {Target} for {User} ({Role}, town {TownId}, deputy {DeputyId})",
            action, target, caller.UserName, caller.Role, caller.TownId, caller.DeputyId);
        throw new AccessDeniedException();
    }
}
