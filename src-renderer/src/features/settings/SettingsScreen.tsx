// Settings with its tabs; Users and Connections are shown to supervisors only, Training to
// supervisors of a demo station; Calls and Packing are read-only except for supervisors.
import { useTranslation } from 'react-i18next';
import { useServices, useUi } from '../../app/context';
import { useIsSupervisor } from '../station/useStation';
import { SETTINGS_TABS, type SettingsTab } from '../../shell/uiStore';
import { ScreenTitle } from '../../components/ScreenTitle';
import { GeneralSettings } from './GeneralSettings';
import { PrintersSettings } from '../printing/PrintersSettings';
import { UsersSettings } from '../station/UsersSettings';
import { ConnectionsSettings } from '../connections/ConnectionsSettings';
import { TrainingPanel } from '../training/TrainingPanel';
import { useTrainingState } from '../training/useTraining';
import { CallsSettings } from '../calls/CallsSettings';
import { PackSettings } from '../packing/PackSettings';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { stores } = useServices();
  const supervisor = useIsSupervisor();
  const chosen = useUi((s) => s.settingsTab);
  const demo = useTrainingState()?.demo === true;
  const tabs = SETTINGS_TABS.filter((tab) => (tab === 'training' ? supervisor && demo : (tab !== 'users' && tab !== 'connections') || supervisor));
  const tab: SettingsTab = tabs.includes(chosen) ? chosen : 'general';
  return (
    <>
      <ScreenTitle screen="settings" />
      <div className="tabs" role="tablist" aria-label={t('settings.tabs.label')}>
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            id={`settings-tab-${name}`}
            className="tab"
            data-testid={`settings-tab-${name}`}
            aria-selected={tab === name}
            aria-controls="settings-panel"
            onClick={() => stores.ui.getState().setSettingsTab(name)}
          >
            {t(`settings.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div id="settings-panel" role="tabpanel" aria-labelledby={`settings-tab-${tab}`} className="tab-panel">
        {tab === 'general' ? <GeneralSettings /> : tab === 'users' ? <UsersSettings /> : tab === 'connections' ? <ConnectionsSettings /> : tab === 'training' ? <TrainingPanel /> : tab === 'calls' ? <CallsSettings /> : tab === 'packing' ? <PackSettings /> : <PrintersSettings />}
      </div>
    </>
  );
}
