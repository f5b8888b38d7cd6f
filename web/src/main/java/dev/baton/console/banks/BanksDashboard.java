package dev.baton.console.banks;

import dev.baton.console.ConsoleAccess;
import dev.baton.operations.status.BankStatus;
import dev.baton.operations.status.OperationsStatus;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The banks dashboard: the banks as they stand (read again on every refresh, once a second), a
 * filter, a selection, and the moves an operator starts from here.
 */
@Named
@ViewScoped
public class BanksDashboard implements Serializable {

  private static final long serialVersionUID = 1L;

  @EJB private OperationsStatus status;
  @Inject private MoveBoard moves;
  @Inject private ConsoleAccess access;

  private List<BankStatus> banks = List.of();
  private List<BankStatus> selected = new ArrayList<>();
  private String text = "";
  private String node = "";
  private boolean troubleOnly;
  private String readFailure;
  private Instant readAt;

  @PostConstruct
  void load() {
    refresh();
  }

  /** Reads the banks again; the page's poll calls this every second. */
  public void refresh() {
    try {
      banks = status.banks();
      readFailure = null;
      readAt = Instant.now();
    } catch (RuntimeException e) {
      readFailure = e.getMessage();
    }
  }

  /** The banks the filter lets through. */
  public List<BankStatus> getShown() {
    String wanted = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return banks.stream()
        .filter(bank -> wanted.isEmpty() || bank.id().toLowerCase(Locale.ROOT).contains(wanted)
            || bank.name().toLowerCase(Locale.ROOT).contains(wanted))
        .filter(bank -> node == null || node.isEmpty() || node.equals(bank.node()))
        .filter(bank -> !troubleOnly || inTrouble(bank))
        .toList();
  }

  /** Not signed on over every session, or counting errors. */
  public static boolean inTrouble(BankStatus bank) {
    return bank.signedOnSessions() < bank.sessions().size() || bank.errors() > 0;
  }

  /** Moves one bank (its row's button). */
  public void moveOne(String bankId, String to) {
    move(List.of(bankId), to);
  }

  /** Moves the selected banks. */
  public void moveSelected(String to) {
    if (selected.isEmpty()) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_WARN, "Nothing selected", "Tick the banks to move first.");
      return;
    }
    move(selected.stream().map(BankStatus::id).toList(), to);
  }

  /** Moves every bank that is not on {@code to}. */
  public void moveAll(String to) {
    move(banks.stream().filter(bank -> !to.equals(bank.node())).map(BankStatus::id).toList(), to);
  }

  /** Moves every bank that is away from its home node back to it (the end of a release day). */
  public void moveAllHome() {
    for (String to : List.of("A", "B")) {
      List<String> away = banks.stream().filter(bank -> to.equals(bank.homeNode()) && !to.equals(bank.node()))
          .map(BankStatus::id).toList();
      if (!away.isEmpty()) {
        move(away, to);
      }
    }
  }

  private void move(List<String> bankIds, String to) {
    if (!access.require("operator", "bank.move", String.join(",", bankIds))) {
      return;
    }
    if (!"A".equals(to) && !"B".equals(to)) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_ERROR, "No such node", "Banks move to node A or B.");
      return;
    }
    List<String> queued = moves.start(bankIds, to, access.actor());
    if (queued.isEmpty()) {
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Nothing to move", "Every bank asked for is on " + to + " or moving already.");
    } else {
      ConsoleAccess.tell(FacesMessage.SEVERITY_INFO, "Moving to " + to, String.join(", ", queued));
    }
    selected = new ArrayList<>();
  }

  public MoveProgress progressOf(String bankId) {
    return moves.of(bankId).orElse(null);
  }

  /** "3 s ago", for the last echo. */
  public String ago(Instant then) {
    if (then == null) {
      return "never";
    }
    long seconds = Math.max(0, Duration.between(then, Instant.now()).toSeconds());
    return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
  }

  public String getReadFailure() {
    return readFailure;
  }

  /** When the banks were last read, as the time of day on this server. */
  public String getReadAtText() {
    return readAt == null ? "" : java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
        .withZone(java.time.ZoneId.systemDefault()).format(readAt);
  }

  public long getBankCount() {
    return banks.size();
  }

  public List<BankStatus> getSelected() {
    return selected;
  }

  public void setSelected(List<BankStatus> selected) {
    this.selected = selected == null ? new ArrayList<>() : new ArrayList<>(selected);
  }

  public String getText() {
    return text;
  }

  public void setText(String text) {
    this.text = text;
  }

  public String getNode() {
    return node;
  }

  public void setNode(String node) {
    this.node = node;
  }

  public boolean isTroubleOnly() {
    return troubleOnly;
  }

  public void setTroubleOnly(boolean troubleOnly) {
    this.troubleOnly = troubleOnly;
  }
}
