package org.equilibrium.session.stimulation.wiring;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.equilibrium.device.profile.DeviceProfile;
import org.equilibrium.device.profile.ProfileRegistry;
import org.equilibrium.device.registry.DeviceRecord;
import org.equilibrium.device.registry.DeviceRegistry;
import org.equilibrium.session.stimulation.StimulatorDirectory;
import org.equilibrium.session.stimulation.StimulatorTarget;

/** Owner from the device registry ({@code patientId} is the patient's account id), envelope from its profile. */
@Singleton
@Requires(beans = {DeviceRegistry.class, ProfileRegistry.class})
public class RegistryStimulatorDirectory implements StimulatorDirectory {
    private final DeviceRegistry devices;
    private final ProfileRegistry profiles;

    public RegistryStimulatorDirectory(DeviceRegistry devices, ProfileRegistry profiles) {
        this.devices = devices;
        this.profiles = profiles;
    }

    @Override
    public Optional<StimulatorTarget> find(String deviceId) {
        return devices.find(deviceId).map(this::target);
    }

    private StimulatorTarget target(DeviceRecord d) {
        Long patient = null;
        if (d.patientId() != null) {
            try {
                patient = Long.parseLong(d.patientId());
            } catch (NumberFormatException e) {
                patient = null; // not an account id: treated as unpaired, so nobody drives it
            }
        }
        var envelope = d.profileId() == null ? null
                : profiles.byId(d.profileId()).flatMap(DeviceProfile::safetyEnvelope).orElse(null);
        return new StimulatorTarget(d.id(), patient, d.profileId(), envelope);
    }
}
