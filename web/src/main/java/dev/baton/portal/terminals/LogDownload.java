package dev.baton.portal.terminals;

import dev.baton.portal.PortalOperator;
import dev.baton.tms.db.NotFound;
import dev.baton.tms.device.TerminalTasks;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * The logs a terminal uploaded for a log task ({@code /portal/logs/<task id>}), of the operator's
 * tenant only: another tenant's task is not found.
 */
@WebServlet("/portal/logs/*")
public class LogDownload extends HttpServlet {

  @Inject private PortalOperator operator;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    long task;
    try {
      task = Long.parseLong(request.getPathInfo() == null ? "" : request.getPathInfo().substring(1));
    } catch (NumberFormatException e) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND, "no such log");
      return;
    }
    TerminalTasks.LogFile file;
    try {
      file = operator.tms().tasks().logs(operator.scope(), task);
    } catch (NotFound e) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND, e.getMessage());
      return;
    }
    response.setContentType("application/octet-stream");
    response.setHeader("Content-Disposition", "attachment; filename=\"terminal-logs-" + task + ".log\"");
    response.setHeader("X-Checksum-SHA256", file.sha256());
    response.setContentLengthLong(file.size());
    try (InputStream content = operator.tms().packages().store().open(file.storageKey(), 0, file.size())) {
      content.transferTo(response.getOutputStream());
    }
  }
}
