using MudBlazor;

namespace BenchDashboard.Components.Ui;

/// <summary>The icons the app uses, by meaning. Pages name an icon here; the library's icon set stays behind it.</summary>
public static class AppIcons
{
    public const string Trends = Icons.Material.Filled.ShowChart;
    public const string Signals = Icons.Material.Filled.NotificationsActive;
    public const string Sampling = Icons.Material.Filled.Casino;
    public const string Review = Icons.Material.Filled.RateReview;
    public const string Bench = Icons.Material.Filled.Checklist;
    public const string Rubrics = Icons.Material.Filled.Rule;
    public const string Reports = Icons.Material.Filled.PictureAsPdf;
    public const string Import = Icons.Material.Filled.UploadFile;
    public const string Settings = Icons.Material.Filled.Tune;
    public const string Admin = Icons.Material.Filled.AdminPanelSettings;
    public const string AuditLog = Icons.Material.Filled.FactCheck;
    public const string Save = Icons.Material.Filled.Save;
    public const string Upload = Icons.Material.Filled.Upload;
    public const string Add = Icons.Material.Filled.Add;
    public const string PersonAdd = Icons.Material.Filled.PersonAdd;
    public const string Key = Icons.Material.Filled.Key;
    public const string Preview = Icons.Material.Filled.Preview;
    public const string Start = Icons.Material.Filled.PlayArrow;
    public const string ExpandMore = Icons.Material.Filled.ExpandMore;
    public const string ExpandLess = Icons.Material.Filled.ExpandLess;
    public const string SignOut = Icons.Material.Filled.Logout;
    public const string Menu = Icons.Material.Filled.Menu;
    public const string DarkMode = Icons.Material.Filled.DarkMode;
    public const string LightMode = Icons.Material.Filled.LightMode;
    public const string Refresh = Icons.Material.Filled.Refresh;
}
