using DeputyPerformance.Domain.Accounts;
using DeputyPerformance.Domain.Auditing;
using DeputyPerformance.Domain.Common;
using DeputyPerformance.Domain.Committee;
using DeputyPerformance.Domain.Departments;
using DeputyPerformance.Domain.Deputies;
using DeputyPerformance.Domain.Duties;
using DeputyPerformance.Domain.Duties.Import;
using DeputyPerformance.Domain.Organization;
using DeputyPerformance.Domain.Scoring;
using DeputyPerformance.Domain.Seeding;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DeputyPerformance.Domain;

public static class DomainServices
{
    /// <summary>Registers the use-case services and validators; the host adds the database and Identity.</summary>
    public static IServiceCollection AddDeputyDomain(this IServiceCollection services)
    {
        // Validators are stateless: one instance each, reachable by concrete type and as IValidator<T>.
        foreach (var type in typeof(DomainServices).Assembly.GetTypes().Where(t => t is { IsAbstract: false, IsPublic: true }))
        {
            var validated = type.BaseType is { IsGenericType: true } b && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>)
                ? b.GetGenericArguments()[0]
                : null;
            if (validated is not null)
            {
                services.AddSingleton(type);
                services.AddSingleton(typeof(IValidator<>).MakeGenericType(validated), sp => sp.GetRequiredService(type));
            }
        }

        services.AddScoped<TermService>();
        services.AddScoped<TownService>();
        services.AddScoped<ElectoralDistrictService>();
        services.AddScoped<DelegationService>();
        services.AddScoped<LiaisonStationService>();
        services.AddScoped<GovernmentDepartmentService>();
        services.AddScoped<CommitteeMemberService>();
        services.AddScoped<DeputyService>();
        services.AddScoped<LookupService>();
        services.AddScoped<AuditService>();
        services.AddScoped<AccountService>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Sessions>();
        services.AddSingleton<ISessionRevoker>(sp => sp.GetRequiredService<Sessions>());
        services.AddScoped<DemoCountySeeder>();
        services.AddScoped<Roster.RosterImportService>();
        services.AddScoped<Ballots.VoteService>();
        services.AddScoped<Ballots.IVoteSubjectOwner, Reports.ReportVoteOwner>();
        services.AddScoped<Ballots.IVoteSubjectOwner, Evaluations.EvaluationVoteOwner>();
        services.TryAddSingleton(new Ballots.BallotSecretOptions());
        services.TryAddSingleton<Ballots.IBallotSecret>(sp => new Ballots.BallotSecret(sp.GetRequiredService<Ballots.BallotSecretOptions>()));
        services.AddScoped<Ballots.BallotService>();
        services.AddScoped<Reports.ReportService>();
        services.AddScoped<Operations.BackupService>();
        services.AddSingleton<Operations.ThrottleCounters>();
        services.AddScoped<Ballots.SatisfactionRuleService>();
        // The exit procedure: it follows the approved logs and the confirmed votes, and says who has an open case.
        services.AddScoped<Exits.ExitFlagService>();
        services.AddScoped<IApprovedLogsObserver>(sp => sp.GetRequiredService<Exits.ExitFlagService>());
        services.AddScoped<Ballots.IVoteConfirmedHandler>(sp => sp.GetRequiredService<Exits.ExitFlagService>());
        services.AddScoped<Exits.ExitCaseService>();
        services.AddScoped<Exits.ExitRuleService>();
        services.AddScoped<Notifications.NotificationService>();
        services.AddScoped<Scoring.IOpenExitCases, Exits.OpenExitCases>();

        // Duties and scoring. IOpenExitCases is deliberately not registered here: the exit feature provides it.
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new EvidenceOptions());
        services.TryAddSingleton<IEvidenceStore>(sp => new FileSystemEvidenceStore(sp.GetRequiredService<EvidenceOptions>()));
        services.AddScoped<DutyLogService>();
        services.TryAddSingleton(new ImportQueue());
        services.AddScoped<DutyLogImportService>();
        services.AddScoped<ScoringRuleService>();
        services.AddScoped<ScoreService>();
        // One per process: it keeps recomputations of a year one at a time.
        services.TryAddSingleton<ScoreYearBuilder>();
        services.AddScoped<ShortlistService>();
        services.AddScoped<ScoreSheetService>();
        services.AddScoped<Todos.TodoService>();
        services.AddScoped<Evaluations.EvaluationService>();
        services.AddScoped<Evaluations.EvaluationRuleService>();
        services.AddScoped<Suggestions.SuggestionService>();
        services.AddScoped<Suggestions.SuggestionImportService>();
        services.AddScoped<Suggestions.SuggestionRuleService>();
        services.AddScoped<Ballots.IVoteSubjectOwner, Suggestions.SuggestionVoteOwner>();
        services.AddScoped<Ballots.IVoteSubjectOwner, Suggestions.KeySuggestionVoteOwner>();
        return services;
    }
}
