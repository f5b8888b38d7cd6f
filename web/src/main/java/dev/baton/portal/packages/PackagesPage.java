package dev.baton.portal.packages;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.enrolment.RowProblem;
import dev.baton.tms.packages.SoftwarePackages;
import dev.baton.tms.terminal.FleetStructure;
import jakarta.annotation.PostConstruct;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.InputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.primefaces.model.file.UploadedFile;

/**
 * The packages page: the tenant's packages, and the upload of a new one. The SHA-256 is computed
 * while the bytes are stored; a terminal checks its download against it.
 */
@Named
@ViewScoped
public class PackagesPage implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private PortalOperator operator;

  private List<SoftwarePackages.PackageView> packages = List.of();
  private List<FleetStructure.Item> models = List.of();
  private String name;
  private String version;
  private String kind = "APPLICATION";
  private List<Long> modelIds = new ArrayList<>();
  private String sha256;
  private transient UploadedFile file;

  @PostConstruct
  void load() {
    packages = Attempt.of("packages", () -> operator.tms().packages().list(operator.scope())).orElse(List.of());
    models = Attempt.of("upload", () -> operator.tms().fleet().models(operator.scope())).orElse(List.of());
  }

  public void upload() {
    if (file == null || file.getSize() == 0) {
      Attempt.refused("upload", List.of(new RowProblem(0, "file", "choose the package file")));
      return;
    }
    String expected = sha256 == null || sha256.isBlank() ? null : sha256.strip();
    Attempt.of("upload", () -> {
      try (InputStream content = file.getInputStream()) {
        return operator.tms().packages().upload(operator.scope(), strip(name), strip(version), kind, List.copyOf(modelIds), expected, content);
      }
    }).ifPresent(stored -> {
      Attempt.tell(FacesMessage.SEVERITY_INFO, "Package " + stored.name() + " " + stored.version() + " stored",
          stored.size() + " bytes, SHA-256 " + stored.sha256());
      name = null;
      version = null;
      sha256 = null;
      modelIds = new ArrayList<>();
      load();
    });
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }

  public List<SoftwarePackages.PackageView> getPackages() { return packages; }
  public List<FleetStructure.Item> getModels() { return models; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getVersion() { return version; }
  public void setVersion(String version) { this.version = version; }
  public String getKind() { return kind; }
  public void setKind(String kind) { this.kind = kind; }
  public List<Long> getModelIds() { return modelIds; }
  public void setModelIds(List<Long> modelIds) { this.modelIds = modelIds; }
  public String getSha256() { return sha256; }
  public void setSha256(String sha256) { this.sha256 = sha256; }
  public UploadedFile getFile() { return file; }
  public void setFile(UploadedFile file) { this.file = file; }
}
