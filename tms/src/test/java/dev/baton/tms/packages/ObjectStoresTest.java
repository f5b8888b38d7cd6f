package dev.baton.tms.packages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoresTest {

  @Test
  void keepsObjectsInTheLocalFolderWithoutAnS3Endpoint(@TempDir Path folder) {
    assertInstanceOf(LocalFolderStore.class, ObjectStores.fromProperties(Map.of("baton.tms.objects", folder.toString())::get));
  }

  @Test
  void usesTheS3StoreWhenAnEndpointIsSetWithRegionUsEast1ByDefault() {
    Map<String, String> properties = s3Properties();
    try (S3Store store = assertInstanceOf(S3Store.class, ObjectStores.fromProperties(properties::get))) {
      assertEquals("S3 store http://127.0.0.1:9000/packages (region us-east-1, access key baton, prefix 'tms/')", store.toString());
      assertFalse(store.toString().contains("very-secret"));
    }
  }

  @Test
  void refusesAnS3EndpointWithoutItsBucketNamingTheProperty() {
    Map<String, String> properties = s3Properties();
    properties.remove("baton.tms.s3.bucket");
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ObjectStores.fromProperties(properties::get));
    assertEquals("baton.tms.s3.endpoint is set, so baton.tms.s3.bucket must be set too", refused.getMessage());
  }

  private static Map<String, String> s3Properties() {
    Map<String, String> properties = new HashMap<>();
    properties.put("baton.tms.s3.endpoint", "http://127.0.0.1:9000");
    properties.put("baton.tms.s3.bucket", "packages");
    properties.put("baton.tms.s3.access-key", "baton");
    properties.put("baton.tms.s3.secret-key", "very-secret");
    properties.put("baton.tms.s3.prefix", "tms");
    return properties;
  }
}
