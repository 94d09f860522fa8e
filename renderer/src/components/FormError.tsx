// An error under a form: the translated sentence for its code, and the server's own words beneath.
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/domain/types';
import { errorText } from './format';

export function FormError({ error }: { error: ApiError | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  const { message, detail } = errorText(t, error);
  return (
    <div className="form-error" role="alert">
      <strong>{message}</strong>
      <small>{detail}</small>
    </div>
  );
}
