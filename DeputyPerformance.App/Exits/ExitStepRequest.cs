using DeputyPerformance.Domain.Exits;
using Microsoft.AspNetCore.Components.Forms;

namespace DeputyPerformance.App.Exits;

/// <summary>What the action form hands to the case page: the step and the files the user chose for it.</summary>
public sealed record ExitStepRequest(ExitActionInput Input, IReadOnlyList<IBrowserFile> Files);
