package org.runningcoach.ingestion.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallbackPolicyTest {

  final CallbackPolicy production = new CallbackPolicy(Set.of("apis.garmin.com"), true);

  @Test
  void onlyHttpsUrlsOnGarminsHostAreFetched() {
    assertThat(production.allowed("https://apis.garmin.com/wellness-api/rest/dailies?uploadStartTimeInSeconds=1&token=a"))
        .isPresent();
    assertThat(production.allowed("https://APIS.garmin.com/wellness-api/rest/sleeps")).isPresent();
  }

  @Test
  void anyOtherHostSchemePortOrTrickIsRefused() {
    for (String url : List.of(
        "http://apis.garmin.com/wellness-api/rest/dailies",
        "https://apis.garmin.com.evil.example/x",
        "https://evil.example/?h=apis.garmin.com",
        "https://apis.garmin.com@169.254.169.254/latest/meta-data",
        "https://169.254.169.254/latest/meta-data",
        "https://127.0.0.1/admin",
        "https://apis.garmin.com:8443/x",
        "file:///etc/passwd",
        "not a url",
        "")) {
      assertThat(production.allowed(url)).as(url).isEmpty();
    }
    assertThat(production.allowed(null)).isEmpty();
  }

  @Test
  void aLocalStandInNeedsItsPortListedAndHttpRelaxed() {
    CallbackPolicy test = new CallbackPolicy(Set.of("127.0.0.1:18999"), false);
    assertThat(test.allowed("http://127.0.0.1:18999/wellness-api/rest/dailies")).isPresent();
    assertThat(test.allowed("http://127.0.0.1:18998/wellness-api/rest/dailies")).isEmpty();
    assertThat(test.allowed("http://127.0.0.1/wellness-api/rest/dailies")).isEmpty();
  }
}
