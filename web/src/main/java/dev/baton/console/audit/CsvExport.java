package dev.baton.console.audit;

import dev.baton.operations.audit.AuditEvent;
import dev.baton.operations.audit.AuditLog;
import dev.baton.operations.audit.SwitchoverRecord;
import jakarta.ejb.EJB;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * The audit log ({@code audit.csv}, admin) and the move history ({@code switchovers.csv}) as CSV,
 * filtered as on their pages (the same query parameters).
 */
@WebServlet({"/console/export/audit.csv", "/console/export/switchovers.csv"})
public class CsvExport extends HttpServlet {

  @EJB private AuditLog audit;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    boolean auditLog = request.getServletPath().endsWith("audit.csv");
    if (auditLog && !request.isUserInRole("admin")) {
      response.sendError(HttpServletResponse.SC_FORBIDDEN, "the audit log needs the admin role");
      return;
    }
    HistoryQuery query = HistoryQuery.of(request.getParameterMap());
    if (query.problem() != null) {
      response.sendError(HttpServletResponse.SC_BAD_REQUEST, query.problem());
      return;
    }
    response.setContentType("text/csv");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + (auditLog ? "audit.csv" : "switchovers.csv") + "\"");
    Writer out = response.getWriter();
    if (auditLog) {
      out.write(Csv.line(List.of("id", "at", "actor", "action", "subject", "outcome", "detail")));
      for (AuditEvent e : audit.events(query.filter())) {
        out.write(Csv.line(java.util.Arrays.asList(e.id(), e.at(), e.actor(), e.action(), e.subject(), e.outcome(), e.detail())));
      }
    } else {
      out.write(Csv.line(List.of("id", "started_at", "finished_at", "actor", "bank", "from", "to", "duration_ms", "contexts_moved", "outcome", "detail")));
      for (SwitchoverRecord m : audit.moves(query.filter())) {
        out.write(Csv.line(java.util.Arrays.asList(m.id(), m.startedAt(), m.finishedAt(), m.actor(), m.bankId(), m.fromNode(), m.toNode(),
            m.durationMillis(), m.contextsMoved(), m.outcome(), m.detail())));
      }
    }
  }
}
