package dev.baton.tms;

import dev.baton.tms.db.TenantScope;
import dev.baton.tms.db.Transactions;
import dev.baton.tms.enrolment.Enrolment;
import dev.baton.tms.enrolment.EnrolmentRow;
import dev.baton.tms.enrolment.ImportReport;
import dev.baton.tms.terminal.FleetStructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A tenant with one model, one merchant, one group and {@code size} enrolled terminals in the
 * group, all with names of their own so tests never meet each other's rows.
 */
public record TestFleet(TenantScope scope, long modelId, long merchantId, long groupId, List<ImportReport.IssuedCode> terminals) {

  public static TestFleet create(DataSource db, int size) {
    TenantScope scope = TestDatabase.newTenant(db, "operator-" + UUID.randomUUID().toString().substring(0, 8));
    Transactions transactions = new Transactions(db);
    FleetStructure fleet = new FleetStructure(transactions);
    long model = fleet.addModel(scope, "M100", "Acme", "M100");
    String mid = "M" + unique(8);
    long merchant = fleet.addMerchant(scope, mid, "Shop");
    long group = fleet.addGroup(scope, "all");
    Enrolment enrolment = new Enrolment(transactions);
    List<ImportReport.IssuedCode> codes = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      String u = unique(7);
      codes.add(enrolment.enrolOne(scope, new EnrolmentRow(1, "SN" + u, "M100", "T" + u, mid, "", "all", List.of())));
    }
    return new TestFleet(scope, model, merchant, group, codes);
  }

  public static String unique(int length) {
    return UUID.randomUUID().toString().replace("-", "").substring(0, length).toUpperCase();
  }
}
