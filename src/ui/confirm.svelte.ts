/** One app-wide confirmation dialog: `await confirmAction({...})` resolves true only on an explicit yes. */
export interface ConfirmRequest {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
}

let pending = $state.raw<{ request: ConfirmRequest; resolve: (yes: boolean) => void } | null>(null);

export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  pending?.resolve(false);
  return new Promise((resolve) => {
    pending = { request, resolve };
  });
}

export const confirmState = {
  get pending() {
    return pending;
  },
  answer(yes: boolean) {
    pending?.resolve(yes);
    pending = null;
  },
};
