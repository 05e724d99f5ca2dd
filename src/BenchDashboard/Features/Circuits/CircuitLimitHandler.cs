using System.Security.Claims;
using BenchDashboard.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.Options;

namespace BenchDashboard.Features.Circuits;

/// <summary>
/// Counts each signed-in user's circuits in <see cref="CircuitRegistry"/> as Blazor opens and releases them, and marks a
/// circuit beyond <see cref="CircuitLimitOptions.PerUser"/> as refused (<see cref="CircuitAdmission"/>). Blazor runs this
/// before any component of the circuit renders, with the circuit's user already known.
/// </summary>
internal sealed class CircuitLimitHandler(CircuitRegistry registry, CircuitAdmission admission, AuthenticationStateProvider authentication,
    IOptionsMonitor<BenchDashboardOptions> options, ILogger<CircuitLimitHandler> logger) : CircuitHandler
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        // Signed-out visitors only ever see the sign-in redirect: nothing to bound.
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId) return;
        var bound = options.CurrentValue.Circuits.PerUser;
        if (registry.TryOpen(userId, circuit.Id, bound)) return;
        admission.Refuse(bound);
        logger.LogWarning("A circuit of user {UserId} was refused: the user already holds {Bound} circuits.", userId, bound);
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.Close(circuit.Id);
        return Task.CompletedTask;
    }
}
