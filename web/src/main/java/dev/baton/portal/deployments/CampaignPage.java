package dev.baton.portal.deployments;

import dev.baton.portal.Attempt;
import dev.baton.portal.PortalOperator;
import dev.baton.tms.deployment.Campaigns;
import dev.baton.tms.deployment.Progress;
import dev.baton.tms.deployment.TaskView;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * One campaign ({@code deployment.xhtml?id=}): what it pushes to whom, its progress, each
 * terminal's task (pending, downloading, installed, failed with its reason, cancelled), and the
 * operator's levers: pause, resume, rollout percentage, cancel. Read again every few seconds.
 * Another tenant's deployment is not found.
 */
@Named
@ViewScoped
public class CampaignPage implements Serializable {

  private static final long serialVersionUID = 1L;
  private static final int PAGE = 200;

  @Inject private PortalOperator operator;

  private long id;
  private Campaigns.Campaign campaign;
  private Progress progress;
  private List<TaskView> tasks = new ArrayList<>();
  private boolean more;
  private int rolloutPercent;

  /** Reads the deployment named by the page's {@code id}; leaves nothing shown when it is not the tenant's. */
  public void load() {
    campaign = Attempt.of("campaign", () -> operator.tms().campaigns().find(operator.scope(), id)).orElse(null);
    if (campaign == null) {
      progress = null;
      return;
    }
    progress = Attempt.of("campaign", () -> operator.tms().deployments().progress(operator.scope(), id)).orElse(null);
    rolloutPercent = campaign.rolloutPercent();
    int shown = Math.max(PAGE, tasks.size());
    tasks = new ArrayList<>();
    readTasks(0, shown);
  }

  public void showMore() {
    readTasks(tasks.isEmpty() ? 0 : tasks.getLast().terminalId(), PAGE);
  }

  public void pause() {
    steer("paused", () -> operator.tms().deployments().pause(operator.scope(), id));
  }

  public void resume() {
    steer("resumed", () -> operator.tms().deployments().resume(operator.scope(), id));
  }

  public void cancel() {
    steer("cancelled", () -> operator.tms().deployments().cancel(operator.scope(), id));
  }

  public void setRollout() {
    steer("released to " + rolloutPercent + "% of its terminals", () -> operator.tms().deployments().setRollout(operator.scope(), id, rolloutPercent));
  }

  private void steer(String done, Attempt.Action action) {
    if (Attempt.run("campaign", action)) {
      Attempt.tell(FacesMessage.SEVERITY_INFO, "Deployment " + campaign.name() + " " + done, "");
    }
    load();
  }

  private void readTasks(long afterTerminalId, int limit) {
    Attempt.of("campaign", () -> operator.tms().deployments().tasks(operator.scope(), id, afterTerminalId, limit + 1)).ifPresent(page -> {
      more = page.size() > limit;
      tasks.addAll(more ? page.subList(0, limit) : page);
    });
  }

  /** Share of the targets whose task is over (installed, failed or cancelled), in percent. */
  public int getDone() {
    if (progress == null || progress.targets() == 0) {
      return 0;
    }
    long over = progress.tasks().getOrDefault("INSTALLED", 0L) + progress.tasks().getOrDefault("FAILED", 0L)
        + progress.tasks().getOrDefault("CANCELLED", 0L);
    return (int) (100 * over / progress.targets());
  }

  public long count(String status) {
    return progress == null ? 0 : progress.tasks().getOrDefault(status, 0L);
  }

  public long getId() { return id; }
  public void setId(long id) { this.id = id; }
  public Campaigns.Campaign getCampaign() { return campaign; }
  public Progress getProgress() { return progress; }
  public List<TaskView> getTasks() { return tasks; }
  public boolean isMore() { return more; }
  public int getRolloutPercent() { return rolloutPercent; }
  public void setRolloutPercent(int rolloutPercent) { this.rolloutPercent = rolloutPercent; }
}
