namespace TitleBridge.Web;

/// <summary>The marker type of the shared resource files Resources/SharedResource.{en,zh-Hans}.resx.</summary>
public sealed class SharedResource;
