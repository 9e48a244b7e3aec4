// Tells @capgo/capacitor-updater that this bundle started correctly; without this call the
// plugin rolls the phone back to the previous bundle.
import('@capgo/capacitor-updater').then(({ CapacitorUpdater }) => {
  CapacitorUpdater.notifyAppReady();
  return CapacitorUpdater.current();
}).then((current) => {
  document.getElementById('version').textContent = current.bundle.version;
}).catch(() => {
  document.getElementById('version').textContent = 'preview (not running on a phone)';
});
