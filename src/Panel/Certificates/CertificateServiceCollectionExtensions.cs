using HostPanel.Panel.Certificates.Acme;
using HostPanel.Panel.Configuration;
using Microsoft.Extensions.Options;

namespace HostPanel.Panel.Certificates;

/// <summary>Registers certificate import, ACME issuance and the renewal service.</summary>
public static class CertificateServiceCollectionExtensions
{
    /// <summary>Key of the <see cref="TimeProvider"/> that certificate decisions (validity, renewal, backoff) use; tests replace it.</summary>
    public const string ClockKey = "certificates";

    /// <summary>Call before the proxy is added: stored certificates are loaded before the proxy listens.</summary>
    public static IServiceCollection AddCertificates(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AcmeOptions>(configuration.GetSection(AcmeOptions.Section));
        services.AddKeyedSingleton(ClockKey, TimeProvider.System);
        services.AddSingleton(sp => new CertificateFiles(sp.GetRequiredService<IOptions<HostPanelOptions>>().Value.DataPath));
        services.AddSingleton<CertificateStatusBoard>();
        services.AddSingleton<CertificateService>();
        services.AddSingleton<AcmeAccounts>();
        services.AddSingleton<AcmeIssuer>();
        services.AddSingleton<CertificateRenewalService>();
        services.AddHostedService(sp => sp.GetRequiredService<CertificateRenewalService>());
        services.AddSingleton<PanelCertificates>();
        services.AddSingleton<ICertificateInfo>(sp => sp.GetRequiredService<PanelCertificates>());
        services.AddSingleton<ICertificateActions>(sp => sp.GetRequiredService<PanelCertificates>());
        return services;
    }
}
