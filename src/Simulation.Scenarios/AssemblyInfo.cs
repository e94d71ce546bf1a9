using System.Runtime.CompilerServices;

// The tests check the wording helpers (suggestions, number formatting) directly.
[assembly: InternalsVisibleTo("Simulation.Scenarios.Tests")]
