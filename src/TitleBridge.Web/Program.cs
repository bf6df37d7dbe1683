using TitleBridge.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddTitleBridge();

var app = builder.Build();
app.UseTitleBridge();

// Operator verbs (`dotnet run -- migrate`, `import-catalogue …`) run and exit instead of serving.
if (await CommandLine.TryRunVerbAsync(app, args))
{
    return Environment.ExitCode;
}

await app.InitializeAsync();
if (app.Environment.IsDevelopment())
{
    if (app.Services.GetRequiredService<TimeProvider>() is ShiftedTime { Note: { } note })
    {
        Console.WriteLine(note);
    }
    await DemoData.SeedAsync(app.Services);
}
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
