package org.imagetagger.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imagetagger.support.Api;
import org.imagetagger.support.StandaloneServer;
import org.imagetagger.support.TestDatabase;
import org.imagetagger.support.TestDeployments;
import org.junit.jupiter.api.Test;

/**
 * A new user's first start: an empty database, a token set, and (on Payara) an empty TAGGER_DB_PASSWORD as env and
 * compose files write it. Every endpoint must answer before any job ran: the batch runtime's tables do not exist yet.
 */
class FreshDatabaseIT {

    private static final String TOKEN = "fresh-token";

    @Test
    void everyEndpointAnswersOnAFreshDatabaseWithATokenAndAnEmptyPassword() throws Exception {
        String dbUrl = TestDatabase.createExtra("fresh");
        Map<String, String> environment = new HashMap<>(Map.of("TAGGER_AUTH_TOKEN", TOKEN));
        // WildFly refuses an empty password in its datasource (README "Deploying to WildFly"); Payara's pool takes it.
        if (System.getProperty("wildfly.home") == null) {
            environment.put("TAGGER_DB_PASSWORD", "");
        }
        try (StandaloneServer server = StandaloneServer.start(TestDeployments.war(Map.of()), dbUrl, "fresh", "-Xmx384m", environment)) {
            Api api = new Api(server.url(), TOKEN);
            List<String> paths = new ArrayList<>(List.of("api/stats", "api/jobs", "api/jobs?status=STARTED", "api/folders",
                    "api/images", "api/images?q=beach", "api/tags", "api/settings", "api/vision/schedule"));
            if (System.getProperty("wildfly.home") == null) {
                // WildFly serves health on its management port (README "Deploying to WildFly").
                paths.addAll(List.of("health/ready", "health/live"));
            }
            for (String path : paths) {
                Api.Reply reply = api.get(path);
                assertEquals(200, reply.status(), path + ": " + reply.body());
            }
            assertEquals(0, api.get("api/stats").object().getInt("runningJobs"));
            assertTrue(api.get("api/jobs").body().startsWith("["), "a list of executions, empty");
        } finally {
            TestDatabase.dropExtra("fresh");
        }
    }
}
