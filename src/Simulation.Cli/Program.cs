using Simulation.Cli;

return await CliApp.MainAsync(args);
