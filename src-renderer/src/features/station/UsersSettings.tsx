// Supervisor only: the station's users, adding one (name, role, PIN), (de)activating, and printing
// a sign-in badge (a new badge revokes the previous one).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { pinSchemaFor, ROLES, type Role, type User } from '../../../../src-preload/contract';
import { RpcError } from '../../api/client';
import { useApi, useServices } from '../../app/context';
import { useAction } from '../../app/useAction';
import { Field } from '../../components/Field';
import { PinField } from '../../components/PinField';
import { useSession } from './useStation';

function AddUser() {
  const { t } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const { run, busy } = useAction();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('packer');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<{ name?: string; pin?: string; form?: string }>({});

  async function submit(e: FormEvent) {
    e.preventDefault();
    const next: typeof errors = {};
    if (!name.trim()) next.name = t('setup.nameRequired');
    if (!pinSchemaFor(role).safeParse(pin).success) next.pin = t(role === 'supervisor' ? 'setup.supervisorPinInvalid' : 'setup.pinInvalid');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const user = await run(() => api.call('station.createUser', { name: name.trim(), role, pin }), {
      success: (u) => t('settings.users.added', { name: u.name }),
      // PINs are unique per station (a PIN alone signs in), so a conflict here is the PIN.
      onError: (err, text) => {
        setErrors(err instanceof RpcError && err.code === 'CONFLICT' ? { pin: t('settings.users.pinTaken') } : { form: text });
        return true;
      },
    });
    if (!user) return;
    stores.session.getState().upsertUser(user);
    setName('');
    setPin('');
    setRole('packer');
  }

  return (
    <form className="card settings-section" onSubmit={submit} noValidate data-testid="user-add">
      <h2>{t('settings.users.add')}</h2>
      <div className="field-row">
        <Field
          label={t('settings.users.name')}
          testId="user-add-name"
          value={name}
          maxLength={60}
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          error={errors.name ?? null}
        />
        <div className="field">
          <label htmlFor="user-add-role">{t('settings.users.role')}</label>
          <select
            id="user-add-role"
            className="input select"
            data-testid="user-add-role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <PinField label={t('settings.users.pin')} testId="user-add-pin" value={pin} onPin={setPin} error={errors.pin ?? null} />
      </div>
      {errors.form ? (
        <p className="form-error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" data-testid="user-add-submit" disabled={busy}>
        {t('settings.users.submit')}
      </button>
    </form>
  );
}

function UserRow({ user, isMe }: { user: User; isMe: boolean }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { stores } = useServices();
  const { run, busy } = useAction();
  async function printBadge() {
    await run(() => api.call('station.printBadge', { userId: user.id, lang: i18n.language === 'cs' ? 'cs' : 'en' }), {
      success: () => t('settings.users.badgePrinted', { name: user.name }),
    });
  }
  async function toggle() {
    const updated = await run(() => api.call('station.updateUser', { id: user.id, active: !user.active }), {
      success: (u) => t(u.active ? 'settings.users.activated' : 'settings.users.deactivated', { name: u.name }),
    });
    if (updated) stores.session.getState().upsertUser(updated);
  }
  return (
    <tr data-testid="user-row" data-user-id={user.id} className={user.active ? undefined : 'row-inactive'}>
      <td>
        {user.name}
        {isMe ? <span className="muted"> ({t('settings.users.you')})</span> : null}
      </td>
      <td>{t(`roles.${user.role}`)}</td>
      <td>{user.active ? t('settings.users.active') : t('settings.users.inactive')}</td>
      <td className="cell-actions">
        <button
          type="button"
          className="btn"
          data-testid="user-print-badge"
          title={t('settings.users.printBadgeHint')}
          disabled={!user.active || busy}
          onClick={() => void printBadge()}
        >
          {t('settings.users.printBadge')}
        </button>
        {/* Deactivating yourself would end your own session mid-task; another supervisor can. */}
        <button
          type="button"
          className={`btn${user.active ? ' btn-danger-outline' : ''}`}
          data-testid={user.active ? 'user-deactivate' : 'user-activate'}
          disabled={isMe || busy}
          onClick={() => void toggle()}
        >
          {user.active ? t('settings.users.deactivate') : t('settings.users.activate')}
        </button>
      </td>
    </tr>
  );
}

export function UsersSettings() {
  const { t } = useTranslation();
  const station = useSession((s) => s.station);
  if (station?.currentUser?.role !== 'supervisor') {
    return <p className="muted">{t('settings.users.supervisorOnly')}</p>;
  }
  return (
    <div className="users-settings">
      <section className="card settings-section">
        <h2>{t('settings.users.title')}</h2>
        <table className="table" data-testid="user-list">
          <thead>
            <tr>
              <th scope="col">{t('settings.users.name')}</th>
              <th scope="col">{t('settings.users.role')}</th>
              <th scope="col">{t('settings.users.status')}</th>
              <th scope="col" />
            </tr>
          </thead>
          <tbody>
            {station.users.map((u) => (
              <UserRow key={u.id} user={u} isMe={u.id === station.currentUser?.id} />
            ))}
          </tbody>
        </table>
      </section>
      <AddUser />
    </div>
  );
}
