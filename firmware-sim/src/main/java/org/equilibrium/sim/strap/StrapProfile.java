package org.equilibrium.sim.strap;

import java.util.List;
import java.util.Optional;

/**
 * How a strap model behaves on the air. What is modelled, per profile:
 * <ul>
 *   <li>{@code generic-hrs-strap}: a Bluetooth SIG Heart Rate Service strap with a 1 s measurement
 *       period: it notifies on the first detected beat after each period boundary, so about once a
 *       second on average, carrying the 1–3 RR intervals that ended since (the last one ending at the
 *       notification, as the contract wants); Energy Expended in every tenth notification; sensor
 *       contact supported.</li>
 *   <li>{@code polar-h10}: notifies on every detected beat with that beat's RR, except during the
 *       first {@code rrLockMs} after a (re)connection, when it sends heart rate without RR (the H10
 *       reports HR before its RR stream locks); no Energy Expended.</li>
 * </ul>
 * Both keep notifying once a second without RR and with the contact bit clear while off the skin,
 * heart rate held at the last value (many straps do; it also keeps the JSON form within the
 * contract's 20–250 bpm).
 *
 * @param id                    profile id (the device's {@code status.model})
 * @param firmware              firmware version string reported in {@code status.fw}
 * @param periodMs              measurement period; a notification goes out on the first beat of each
 *                              period (0: on every beat)
 * @param rrLockMs              time after connect during which RR is not reported
 * @param energyEveryN          include Energy Expended in every N-th notification; 0 = never
 * @param bpmAverageBeats       how many recent RR the reported heart rate averages
 * @param batteryDrainPctPerHour battery drain while on
 */
public record StrapProfile(String id, String firmware, long periodMs, long rrLockMs, int energyEveryN,
        int bpmAverageBeats, double batteryDrainPctPerHour) {

    public static final StrapProfile GENERIC = new StrapProfile("generic-hrs-strap", "1.4.2", 1000, 0, 10, 4, 0.25);
    public static final StrapProfile POLAR_H10 = new StrapProfile("polar-h10", "5.0.0", 0, 5000, 0, 3, 0.25);

    public static List<StrapProfile> all() {
        return List.of(GENERIC, POLAR_H10);
    }

    public static Optional<StrapProfile> byId(String id) {
        return all().stream().filter(p -> p.id().equals(id)).findFirst();
    }
}
