using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace TConvGen.Package.Tests;

/// <summary>The NuGet package has the layout a generator package needs, and nothing that does not belong in it.</summary>
public sealed class PackageLayoutTests(PackedRuntime packed) : IClassFixture<PackedRuntime>
{
    private static readonly string Version = PackedRuntime.Version;
    private readonly string _folder = packed.Folder;

    [Fact]
    public void RuntimeIsInLibNet10WithItsXmlDocs()
    {
        var entries = Entries();
        Assert.Contains("lib/net10.0/TConvGen.dll", entries);
        Assert.Contains("lib/net10.0/TConvGen.xml", entries);
    }

    [Fact]
    public void GeneratorIsAnAnalyzerAndNotALibrary()
    {
        var entries = Entries();
        Assert.Contains("analyzers/dotnet/cs/TConvGen.Generator.dll", entries);
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
    }

    [Fact]
    public void NothingElseLeaksIn()
    {
        var allowed = new[] { "lib/net10.0/TConvGen.dll", "lib/net10.0/TConvGen.xml",
            "analyzers/dotnet/cs/TConvGen.Generator.dll", "README.md", "LICENSE", "TConvGen.nuspec", "[Content_Types].xml", "_rels/.rels" };
        var unexpected = Entries().Where(e => !allowed.Contains(e) && !e.StartsWith("package/services/metadata/", StringComparison.Ordinal)).ToList();
        Assert.True(unexpected.Count == 0, "Unexpected files in the package: " + string.Join(", ", unexpected));
    }

    [Fact]
    public void NuspecHasNoDependenciesAndCarriesReadmeLicenseAndRepository()
    {
        using var package = OpenPackage();
        using var stream = package.GetEntry("TConvGen.nuspec")!.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal("TConvGen", Value("id"));
        Assert.Equal(Version, Value("version"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Equal("MIT", Value("license"));
        var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
        Assert.False(string.IsNullOrEmpty(repository.Attribute("url")?.Value));
        // The generator must not become a dependency of the consumer; the runtime needs nothing else.
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency").ToList();
        Assert.Empty(dependencies);
    }

    [Fact]
    public void SymbolPackageIsProduced() =>
        Assert.True(File.Exists(Path.Combine(_folder, $"TConvGen.{Version}.snupkg")), $"No TConvGen.{Version}.snupkg in {_folder}");

    private string[] Entries()
    {
        using var package = OpenPackage();
        return package.Entries.Select(e => e.FullName).ToArray();
    }

    private ZipArchive OpenPackage()
    {
        string path = Path.Combine(_folder, $"TConvGen.{Version}.nupkg");
        Assert.True(File.Exists(path), $"{path} does not exist: dotnet pack did not produce it.");
        return ZipFile.OpenRead(path);
    }
}
