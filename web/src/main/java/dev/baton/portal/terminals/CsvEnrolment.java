package dev.baton.portal.terminals;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.enrolment.ImportReport;
import dev.baton.tms.enrolment.RowProblem;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import org.primefaces.model.file.UploadedFile;

/**
 * Enrolment by CSV file. A file with a refused row enrols nothing: the report names each refused
 * row with its line, field and reason, and the operator may then enrol the valid rows of the
 * same file. The enrolled terminals' activation codes are shown this once.
 */
@Named
@ViewScoped
public class CsvEnrolment implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject private PortalOperator operator;

  private transient UploadedFile file;
  private byte[] content;
  private String fileName;
  private ImportReport report;

  /** Reads the chosen file and enrols it whole, or reports why not. */
  public void upload() {
    report = null;
    if (file == null || file.getSize() == 0) {
      Attempt.refused("csv", java.util.List.of(new RowProblem(0, "file", "choose a CSV file with the header serial_number,model,tid,mid")));
      return;
    }
    content = file.getContent();
    fileName = file.getFileName();
    enrol(false);
  }

  /** Enrols the valid rows of the file the report was about. */
  public void enrolValidRows() {
    if (content == null) {
      Attempt.tell(FacesMessage.SEVERITY_WARN, "No file", "Upload the file again.");
      return;
    }
    enrol(true);
  }

  private void enrol(boolean validRowsOnly) {
    Attempt.of("csv", () -> operator.tms().enrolment().importCsv(operator.scope(),
        new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8), validRowsOnly)).ifPresent(read -> {
      report = read;
      if (read.enrolled() > 0) {
        content = null;
        Attempt.tell(FacesMessage.SEVERITY_INFO, read.enrolled() + " terminal(s) enrolled from " + fileName,
            "Give each terminal its activation code now: the codes are shown only this once.");
      }
    });
  }

  /** Whether the file was refused as a whole, and has rows that could be enrolled on their own. */
  public boolean isValidRowsLeft() {
    return report != null && report.enrolled() == 0 && content != null && getValidRows() > 0;
  }

  /** Rows of the file that no problem names. */
  public long getValidRows() {
    return report == null ? 0 : report.rows() - report.problems().stream().mapToInt(RowProblem::line).filter(line -> line > 1).distinct().count();
  }

  public UploadedFile getFile() { return file; }
  public void setFile(UploadedFile file) { this.file = file; }
  public String getFileName() { return fileName; }
  public ImportReport getReport() { return report; }
}
